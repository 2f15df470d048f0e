"""What a failing media storage raises, as one kind of error: the image model's file
access and the upload forms both turn these into the error their callers handle."""

from contextlib import contextmanager

from botocore.exceptions import BotoCoreError, ClientError

STORAGE_ERRORS = (BotoCoreError, ClientError, OSError)


@contextmanager
def storage_errors_as(error_class):
    """Re-raise a storage failure as `error_class`, so that callers handle one kind."""
    try:
        yield
    except STORAGE_ERRORS as error:
        raise error_class(str(error)) from error
