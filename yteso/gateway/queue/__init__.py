"""Work queues that carry dossier keys to the workers: in-process, or NATS JetStream.

The database row is the truth (its state says whether a dossier is stored); the queue only
says "look at dossier N". Delivery is at-least-once; processing is idempotent.
"""

from yteso.gateway.queue.base import DossierQueue, make_queue

__all__ = ["DossierQueue", "make_queue"]
