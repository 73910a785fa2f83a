"""SQLite through peewee: models, schema, opening, SQLCipher, rows, queries, files and locks."""
