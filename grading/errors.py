"""The one exception type the command line turns into a clear message."""


class GradingError(RuntimeError):
    """A problem the user can fix: the message names the file or step and what is wrong."""
