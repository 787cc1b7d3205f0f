"""A staff-only status page: the latest runs of every command, with duration and errors."""

from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import render

from .models import CommandLog


@staff_member_required
def run_list(request):
    status = request.GET.get("status")
    logs = CommandLog.objects.select_related("command").order_by("-start_time")
    if status in dict(CommandLog.STATUSES):
        logs = logs.filter(status=status)
    return render(
        request,
        "django_commander/run_list.html",
        {"logs": logs[:200], "statuses": CommandLog.STATUSES, "status": status},
    )
