"""The organisations of the partnership and the people who work for them."""
