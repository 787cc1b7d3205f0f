from django_commander.base import PipelineCommand, Step


class ConnectionPipeline(PipelineCommand):
    """Concurrent ``step_connection`` steps noting their connections in ``folder``, one for each
    word of ``leaves``: what that step leaves its database connection in (``clean``,
    ``transaction``, ``atomic`` or ``broken``). A failed step does not stop the others."""

    step_commands = ("step_connection",)
    #: Each run runs every step, so that its tests see every step's connection.
    resumes = False

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument("folder")
        parser.add_argument("leaves")

    def steps(self):
        folder = self.parameters["folder"]
        for index, leave in enumerate(self.parameters["leaves"].split()):
            yield Step(
                "step_connection",
                {"folder": folder, "index": index},
                {"leave": leave},
                concurrent=True,
                on_failure="continue",
            )
