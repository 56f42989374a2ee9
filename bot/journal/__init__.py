"""The private evidence journal: entries tagged with REMN competencies."""
