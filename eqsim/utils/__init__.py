"""Brian2's ``brian2.utils`` paths (``brian2.utils.logger``)."""
