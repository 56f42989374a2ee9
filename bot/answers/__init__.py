"""Knowledge base: loading, French normalisation, search and answer rendering."""
