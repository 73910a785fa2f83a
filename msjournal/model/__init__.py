"""The journal's data as plain values, and the facts they are read against: no storage, no rules."""
