import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


def test_status_page_needs_staff(client, example_commands):
    response = client.get("/commander/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    user = get_user_model().objects.create_user("reader", password="pw")
    client.force_login(user)
    assert client.get("/commander/").status_code == 302


def test_status_page_lists_runs_with_status_and_errors(client, example_commands):
    example_commands["basic_echo"]("shown").run()
    with pytest.raises(ValueError):
        example_commands["basic_fail"]().run()
    staff = get_user_model().objects.create_user("staff", password="pw", is_staff=True)
    client.force_login(staff)
    page = client.get("/commander/").content.decode()
    assert "basic_echo" in page and "Succeeded" in page
    assert "builtins.ValueError" in page and "this command always fails" in page
    failures = client.get("/commander/?status=failure").content.decode()
    assert "basic_echo" not in failures


def test_admin_lists_commands_and_runs(admin_client, example_commands):
    example_commands["basic_echo"]("admin").run()
    assert "basic_echo" in admin_client.get("/admin/django_commander/commandlog/").content.decode()
    assert "basic_echo" in admin_client.get("/admin/django_commander/command/").content.decode()
