"""A knowledge base that learns from use: signals of how answers went, their review,
examples written back into entries, staleness and figures (issue 17)."""
