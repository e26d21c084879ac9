"""The garbage collector kept out of imports that build long-lived objects.

``import autograd`` and ``autograd.numpy``'s namespace make some 8000 objects
that live as long as the program; at the default thresholds they would start
a dozen young collections (and one of the middle generation) that find
nothing.  Public as :func:`autograd.extend.few_collections`, for plugins that
build many objects when they load.
"""

__all__ = ["few_collections"]


class few_collections:
    """Context: no garbage collection while a library builds objects that live
    as long as the program (an import, a plugin registering its rules), and
    those moved to the oldest generation after it.

    The collector's passes over them would find nothing: the generation-0
    threshold is raised for the block and the user's thresholds put back after
    it, exactly, also on an error (``gc.disable()`` is another switch, left
    alone); then, unless the program keeps objects frozen itself, the
    freeze/unfreeze pair moves what the block made to the oldest generation
    without a collection.

    >>> with few_collections():
    ...     register_my_rules()

    """

    __slots__ = ("thresholds",)

    def __enter__(self):
        import gc
        self.thresholds = gc.get_threshold()
        gc.set_threshold(1 << 20, *self.thresholds[1:])

    def __exit__(self, kind, value, tb):
        import gc
        gc.set_threshold(*self.thresholds)
        if kind is None and not gc.get_freeze_count():
            gc.freeze()
            gc.unfreeze()
