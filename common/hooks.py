"""A hook: one function that a lower layer calls and a higher layer provides.

The layers (docs/ARCHITECTURE.md, "Layers") let an app import only apps below it. When a lower
app needs an answer that only a higher one has (the booking calendar shows the conversation's
suggested approach; Min Plan lists the citizen's courses), the lower app defines a `Hook` and
calls it, and the higher app provides the function in its `AppConfig.ready()`. Every app is
always installed, so a hook without a provider is a mistake and says so, instead of quietly
showing less.
"""

from collections.abc import Callable
from typing import Any


class Hook:
    def __init__(self, name: str, doc: str = "") -> None:
        self.name = name
        self.__doc__ = doc
        self._provider: Callable[..., Any] | None = None

    def provide(self, function: Callable[..., Any]) -> Callable[..., Any]:
        """Sets the one function behind this hook (usable as a decorator). Providing the same
        function again is harmless (a test may run `ready()` twice); another one is an error."""
        if self._provider is not None and self._provider is not function:
            raise ValueError(f"The hook {self.name!r} is already provided by {self._provider!r}.")
        self._provider = function
        return function

    @property
    def provided(self) -> bool:
        return self._provider is not None

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self._provider is None:
            raise LookupError(f"No app provides the hook {self.name!r}.")
        return self._provider(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<Hook {self.name}>"
