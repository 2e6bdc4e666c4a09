"""Machine-readable output: the JSON API, the CSV and JSON downloads and the Atom feed,
all built on one representation of a measure (`representation`)."""
