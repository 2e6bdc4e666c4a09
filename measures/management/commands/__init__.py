"""Seeding demo data, staff accounts, search vectors and reminders."""
