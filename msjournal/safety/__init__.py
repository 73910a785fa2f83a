"""Keeping the journal safe: backups and their policy, restore, health checks, passphrase
protection."""
