"""Mail for every feature: the transactional queue, its worker and the delivery log.

- ``queue``: ``send`` puts a message into the Maildir queue when the request's
  transaction commits (nothing is sent for a rolled-back request); the mailers.
- ``worker``: the ``roundtable-mailqueue`` worker delivering the queue and the
  registered sources (rate, retries, crash safety, one worker per queue);
- ``smtp``: how a message is handed over (one connection per run).
- ``deliverylog``: the append-only log of what was handed to the server, read
  by the newsletter's progress and archive pages.

This package knows no feature; features import it. The names below are the
ones features and scripts use.
"""
from .deliverylog import DeliveryLog, log_dir
from .queue import includeme, make_mailer, queue_path, send
from .worker import process_queue, run_worker

__all__ = ["DeliveryLog", "log_dir", "includeme", "make_mailer", "queue_path", "send",
           "process_queue", "run_worker"]
