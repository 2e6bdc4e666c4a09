"""What a visitor sends or takes away: a message to a measure's contact, the dossier and its PDF,
e-mail alerts of newly published measures."""
