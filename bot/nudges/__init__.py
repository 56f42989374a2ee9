"""Weekly nudges: time rules, schedules, the outbox and the service that ticks it.

The database is the truth (schedules and one outbox row per slot); APScheduler is
only the clock that calls `NudgeService.tick()`.
"""
