from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from apps.organisations import selectors
from apps.organisations.access import get_scope
from apps.organisations.models import OrgUnit


def test_it_covers_descendants_of_a_membership_unit(cast):
    scope = get_scope(cast.operator)
    visible = set(selectors.unit_list(user=cast.operator).values_list("pk", flat=True))
    assert visible == {cast.opd1.pk, cast.bidang1.pk, cast.seksi1.pk}
    assert scope.covers(cast.seksi1)
    assert not scope.covers(cast.pemda)


def test_it_gives_a_pemda_root_membership_the_whole_pemda(cast):
    visible = set(selectors.unit_list(user=cast.viewer).values_list("pk", flat=True))
    assert visible == set(OrgUnit.objects.filter(pemda=cast.pemda).values_list("pk", flat=True))


def test_it_hides_another_pemda_entirely(cast):
    for user in (cast.admin, cast.operator, cast.viewer):
        with pytest.raises(Http404):
            selectors.get_unit_for_user(user, cast.opd_b.code)
    with pytest.raises(Http404):
        selectors.get_position_for_user(cast.outsider, cast.kepala_opd1.code)


def test_it_hides_another_opd_from_an_operator(cast):
    with pytest.raises(Http404):
        selectors.get_unit_for_user(cast.operator, cast.opd2.code)
    with pytest.raises(Http404):
        selectors.get_position_for_user(cast.other_operator, cast.kasi1.code)


def test_it_refuses_writes_to_read_only_and_non_admin_roles_with_403(cast):
    assert selectors.get_unit_for_user(cast.viewer, cast.opd1.code) == cast.opd1
    with pytest.raises(PermissionDenied):
        selectors.get_rw_unit_for_user(cast.viewer, cast.opd1.code)
    with pytest.raises(PermissionDenied):
        selectors.get_rw_position_for_user(cast.operator, cast.kasi1.code)
    assert selectors.get_rw_unit_for_user(cast.admin, cast.opd1.code) == cast.opd1


def test_it_gives_an_anonymous_user_nothing(cast):
    from django.contrib.auth.models import AnonymousUser

    assert not selectors.unit_list(user=AnonymousUser()).exists()
    with pytest.raises(Http404):
        selectors.get_unit_for_user(AnonymousUser(), cast.opd1.code)


def test_it_treats_a_malformed_code_as_not_found(cast):
    with pytest.raises(Http404):
        selectors.get_unit_for_user(cast.admin, "not-a-uuid")


def test_it_computes_the_scope_in_one_query(cast, django_assert_num_queries):
    from apps.organisations.models import User

    user = User.objects.get(pk=cast.admin.pk)
    with django_assert_num_queries(1):
        get_scope(user)
        get_scope(user)
