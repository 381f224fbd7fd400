import pytest

from common.hooks import Hook


def answer(value):
    return value * 2


def test_a_hook_calls_the_function_provided():
    hook = Hook("test.double")
    hook.provide(answer)
    assert hook.provided and hook(21) == 42


def test_a_hook_without_a_provider_says_so_instead_of_answering_nothing():
    hook = Hook("test.nobody")
    assert not hook.provided
    with pytest.raises(LookupError, match=r"test\.nobody"):
        hook()


def test_a_second_provider_is_refused_but_the_same_one_again_is_harmless():
    hook = Hook("test.once")
    hook.provide(answer)
    hook.provide(answer)  # AppConfig.ready() run again
    with pytest.raises(ValueError, match="already provided"):
        hook.provide(lambda value: value)
    assert hook(1) == 2
