"""The public HTML pages: the measure list with its filters and facets, a measure, regions,
themes and partners, comparison, transfers, statistics, the map, and the sitemaps."""
