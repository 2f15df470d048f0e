# Django's Arabic formats name no date-and-time pattern, so DATETIME_FORMAT fell back to the
# American "N j, Y, P" ("ديسمبر 6, 2026"): day first, with the Arabic comma, as DATE_FORMAT.
# A no-break space keeps "م" or "ص" on the line of its time ("12:30 م").
TIME_FORMAT = "g:i\u00a0A"
DATETIME_FORMAT = "j F، Y، g:i\u00a0A"
SHORT_DATETIME_FORMAT = "d\u200f/m\u200f/Y، g:i\u00a0A"
