import type { PipelineSettings } from "../../pipeline/pipeline-settings.js";

/** "reads (as in the last run; ...)": the schedule in force and where it came from. Pure. */
export function describeSchedule(settings: Pick<PipelineSettings, "schedule" | "scheduleFrom">): string {
  switch (settings.scheduleFrom) {
    case "flag":
      return `${settings.schedule} (--schedule)`;
    case "config":
      return `${settings.schedule} (pipeline.schedule in the config)`;
    case "last run":
      return `${settings.schedule} (as in the last run; --schedule or pipeline.schedule in the config changes it)`;
    case "default":
      return `${settings.schedule} (the default)`;
  }
}
