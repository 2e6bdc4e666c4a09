"""English dates as read across Europe: "2 November 2026", not the American "Nov. 2, 2026".

Every other format (numbers, times) and every other language keep Django's own.
"""

DATE_FORMAT = "j F Y"
YEAR_MONTH_FORMAT = "F Y"
