import Foundation
import Testing

@testable import TiptoeCore

struct SyncConfigTests {
  @Test func readsTheCalDAVTable() throws {
    let config = try SyncConfig.parse(
      """
      [caldav]
      url = "https://dav.example.org/alice/"
      username = "alice"
      password_command = ["secret-tool", "lookup", "service", "tiptoe"]
      device = "laptop"
      """, file: "sync.toml")
    #expect(config.url.absoluteString == "https://dav.example.org/alice/")
    #expect(config.username == "alice")
    #expect(config.password == .command(["secret-tool", "lookup", "service", "tiptoe"]))
    #expect(config.device == "laptop")
  }

  @Test func mistakesNameTheirPlace() {
    func error(_ text: String) -> String? {
      do {
        _ = try SyncConfig.parse(text, file: "sync.toml")
        return nil
      } catch {
        return error.localizedDescription
      }
    }
    #expect(error("") == "sync.toml:1:1: error: sync.toml needs '[caldav]'")
    #expect(error("[caldav]\nusername = \"a\"\n") == "sync.toml:1:1: error: [caldav] needs 'url'")
    #expect(
      error("[caldav]\nurl = \"ftp://x/\"\n")
        == "sync.toml:2:7: error: 'ftp://x/' is not a valid CalDAV url (example: https://dav.example.org/alice/)")
    #expect(
      error("[caldav]\nurl = \"https://x/\"\npasword = \"p\"\n")
        == "sync.toml:3:1: error: unknown key 'pasword' in [caldav]; did you mean 'password'?")
    #expect(
      error("[caldav]\nurl = \"https://x/\"\npassword = \"p\"\npassword_file = \"f\"\n")
        == "sync.toml:1:1: error: give one of password_command, password_file and password, not several")
    #expect(error("[caldav]\nurl = \"https://x/\"\npassword_command = []\n")?.contains("password_command") == true)
  }
}
