import TiptoeAgent
import TiptoeCommands
import TiptoeSync

// `tiptoe agent` and `tiptoe sync` in the process that links GLib, libnotify and the network code;
// `tiptoe` hands over to it.
runTiptoe(
  agent: { configuration in try ReminderAgent(configuration: configuration).run() },
  sync: { request in try SyncRound.run(request) })
