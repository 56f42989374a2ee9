"""The private evidence journal: entries tagged with REMN competencies."""

# Button data that starts the guided logging dialog (from /couverture and the nudges).
NEW_ENTRY_BUTTON = "journal:new"
