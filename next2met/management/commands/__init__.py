"""Operator commands, such as resetting a person's two-step sign-in."""
