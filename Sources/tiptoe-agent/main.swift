import TiptoeAgent
import TiptoeCommands

// `tiptoe agent` in the process that links GLib and libnotify; `tiptoe` hands over to it.
runTiptoe(agent: { configuration in try ReminderAgent(configuration: configuration).run() })
