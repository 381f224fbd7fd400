"""A system check: sessions and user rows are read from the cache only when every process
shares it. A process's own cache (local memory, a file per machine, none) would keep serving
a session or a user that a logout, a password change or a deactivation in another process has
ended (docs/decisions.md, "A lighter request path"). The message is for the operator."""

from django.conf import settings
from django.core.checks import Error, Tags, register

#: Cache backends whose entries one process (or one machine) cannot drop for another.
PER_PROCESS_CACHES = frozenset(
    {
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.filebased.FileBasedCache",
        "django.core.cache.backends.dummy.DummyCache",
    }
)
CACHED_SESSION_ENGINES = frozenset(
    {"django.contrib.sessions.backends.cache", "django.contrib.sessions.backends.cached_db"}
)


def cache_problems(*, caches: dict, session_engine: str, user_cache_seconds: int) -> list[str]:
    backend = caches.get(getattr(settings, "SESSION_CACHE_ALIAS", "default"), {}).get("BACKEND")
    if backend not in PER_PROCESS_CACHES:
        return []
    problems = []
    if session_engine in CACHED_SESSION_ENGINES:
        problems.append(
            f"SESSION_ENGINE {session_engine} with the per-process cache {backend}: a logout in "
            "one process would not end the session in another. Use a shared cache (REDIS_URL) "
            "or django.contrib.sessions.backends.db."
        )
    if user_cache_seconds:
        problems.append(
            f"USER_CACHE_SECONDS with the per-process cache {backend}: a deactivated user would "
            "stay logged in on other processes. Use a shared cache (REDIS_URL) or 0."
        )
    return problems


@register(Tags.security)
def check_shared_cache(app_configs=None, **kwargs) -> list[Error]:
    return [
        Error(problem, id="jobsamtale.E010")
        for problem in cache_problems(
            caches=settings.CACHES,
            session_engine=settings.SESSION_ENGINE,
            user_cache_seconds=settings.USER_CACHE_SECONDS,
        )
    ]
