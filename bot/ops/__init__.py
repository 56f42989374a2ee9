"""Operations: metrics, health, structured logs, doctor and backups (issue 18)."""
