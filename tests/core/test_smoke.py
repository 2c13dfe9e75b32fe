from apps.organisations.access import get_scope


def test_it_builds_the_cast_with_scopes(cast):
    scope = get_scope(cast.operator)
    assert scope.covers(cast.seksi1)
    assert not scope.covers(cast.opd2)
    assert not scope.covers(cast.opd_b)
