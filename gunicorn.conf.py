"""gunicorn's settings for the portal, read from the working directory: NIKs and KK numbers are masked in its
error and access logs (security.md: logs do not leak), wherever --access-logfile or --error-logfile send them."""

from gunicorn.glogging import Logger

from portal.logging import NIKMaskingFilter


class NIKMaskingLogger(Logger):
    """gunicorn's logger with the portal's NIK mask on gunicorn.error and gunicorn.access.

    The mask sits on the two loggers, not on handlers, so it covers every handler gunicorn attaches (a file,
    stdout, syslog). A logconfig_dict is not used for this: applying one removes the handlers that
    --access-logfile and --error-logfile set up.
    """

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            # setup runs again on every configuration reload (SIGHUP); one filter is enough.
            if not any(isinstance(existing, NIKMaskingFilter) for existing in log.filters):
                log.addFilter(NIKMaskingFilter())


logger_class = NIKMaskingLogger
