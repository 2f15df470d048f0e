"""gunicorn's settings beyond the command line; gunicorn reads this file from the working
directory (the Docker image's, `make bench`'s and `make loadtest`'s)."""

import gc


def post_worker_init(worker):
    """The application is loaded and its objects live as long as the worker: leave them
    out of the garbage collector's full passes, whose pauses were the p90 spikes."""
    gc.freeze()
