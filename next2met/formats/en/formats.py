"""English dates as read across Europe: "2 November 2026, 14:41", not the American
"Nov. 2, 2026, 2:41 p.m.".

Every other format (numbers, times) and every other language keep Django's own.
"""

DATE_FORMAT = "j F Y"
YEAR_MONTH_FORMAT = "F Y"
DATETIME_FORMAT = "j F Y, H:i"
