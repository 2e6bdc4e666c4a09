"""The catalogue: regions, themes, target groups and the measures themselves."""
