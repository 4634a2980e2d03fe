"""Messages shown on the next page, worded when they are given.

Django words a message (a lazy translation) only when it stores it, after the view has
returned. Wagtail's admin speaks each member of staff's own language only while the view
runs, so a message given in a Kazakh admin view would be stored in the site's language
(Russian). This storage words each message as it is added, in the language of the view
that gave it.
"""

from django.contrib.messages.storage.fallback import FallbackStorage
from django.utils.functional import Promise


class WordedWhenGiven(FallbackStorage):
    def add(self, level, message, extra_tags=""):
        if isinstance(message, Promise):
            message = str(
                message
            )  # a safe string stays safe: only lazy ones are worded
        super().add(level, message, extra_tags)
