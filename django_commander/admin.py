"""Admin pages (staff only) for the run log: commands, their runs, status, duration and errors."""

from django.contrib import admin

from .models import Command, CommandLog


class CommandLogInline(admin.TabularInline):
    model = CommandLog
    fields = ["start_time", "end_time", "status", "error_class", "error_message", "celery_task_id"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Command)
class CommandAdmin(admin.ModelAdmin):
    list_display = ["name", "parameters", "last_status", "run_count"]
    search_fields = ["name", "parameters"]
    readonly_fields = ["name", "parameters", "parameters_hash"]
    inlines = [CommandLogInline]

    @admin.display(description="last run")
    def last_status(self, obj: Command) -> str:
        log = obj.last_log
        return log.status if log else "never"

    @admin.display(description="runs")
    def run_count(self, obj: Command) -> int:
        return obj.logs.count()

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(CommandLog)
class CommandLogAdmin(admin.ModelAdmin):
    list_display = ["command", "start_time", "duration", "status", "error_class", "celery_task_id"]
    list_filter = ["status", "test_mode", "command__name"]
    search_fields = ["command__name", "error_message", "celery_task_id"]
    readonly_fields = [field.name for field in CommandLog._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
