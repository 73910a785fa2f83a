"""The window's dialogs: entry forms on a shared base, settings, plan, backups, exchange,
passphrases."""
