"""The composition root: the `mentor` command wires the core (`bot/`) to the transports
(`adapters/`). The only package that imports both; the core never imports it."""
