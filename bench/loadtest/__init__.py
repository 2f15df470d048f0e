"""The load test behind `manage.py loadtest`: the URL mix read from the database, the wrk
script that replays it, and the figures (wrk's, the server's request log, memory)."""
