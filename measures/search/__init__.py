"""Search of the catalogue: parsing and ranking a query (`query`), the PostgreSQL
vectors and their upkeep (`index`), and the matched words shown back (`highlight`)."""
