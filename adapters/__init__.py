"""Transports: each module translates platform events to `Incoming` and `Reply` back."""
