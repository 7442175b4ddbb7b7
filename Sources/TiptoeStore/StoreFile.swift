import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The history file on disk: where it lives, and creating it atomically with private permissions.
enum StoreFile {
  /// Whether `path` exists; throws when it cannot be looked at, is a symbolic link (never followed:
  /// a dangling one would create the history wherever it points), or is not a regular file. With
  /// `strict`, a path through a file (ENOTDIR: the state directory is a file) is an error too, not
  /// a history that was never made.
  static func exists(_ path: String, strict: Bool = false) throws -> Bool {
    var info = stat()
    guard lstat(path, &info) == 0 else {
      if errno == ENOENT || (errno == ENOTDIR && !strict) { return false }
      throw StoreError.io(path: path, reason: String(cString: strerror(errno)))
    }
    if info.st_mode & S_IFMT == S_IFLNK {
      throw StoreError.unsafe(path: path, reason: "it is a symbolic link, and tiptoe never follows links for its state")
    }
    guard info.st_mode & S_IFMT == S_IFREG else {
      throw StoreError.io(path: path, reason: "not a regular file")
    }
    return true
  }

  /// Refuses a state directory that someone else could change (and so swap the history or the
  /// agent's files): one owned by another user, or writable by its group or by everyone. A missing
  /// one is fine (it is made 0700).
  static func checkDirectory(_ directory: String) throws {
    var info = stat()
    guard stat(directory, &info) == 0 else { return }  // missing, or not a directory: `exists` says which
    guard info.st_mode & S_IFMT == S_IFDIR else { return }
    if info.st_uid != geteuid() {
      throw StoreError.unsafe(
        path: directory, reason: "the directory belongs to user \(info.st_uid), not to you (user \(geteuid()))")
    }
    if info.st_mode & 0o022 != 0 {
      let mode = String(info.st_mode & 0o777, radix: 8)
      let reason = "others can write to the directory (mode \(mode)); make it private: chmod 700 '\(directory)'"
      throw StoreError.unsafe(path: directory, reason: reason)
    }
  }

  /// Creates `directory` and any missing parents, each 0700 (existing ones are left as they are).
  static func makeDirectory(_ directory: String) throws {
    var missing: [String] = []
    var current = directory
    while !current.isEmpty, current != "/", access(current, F_OK) != 0 {
      missing.append(current)
      current = (current as NSString).deletingLastPathComponent
    }
    for path in missing.reversed() where mkdir(path, 0o700) != 0 && errno != EEXIST {
      throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
    }
  }

  /// Creates the database at `path` (mode 0600) unless another process does first.
  ///
  /// `initialize` fills a private temporary file next to `path`, which is then hard-linked into
  /// place: `link` fails when `path` exists, so concurrent creators never see a half-made file
  /// and the first one wins.
  static func create(_ path: String, initialize: (String) throws -> Void) throws {
    try makeDirectory((path as NSString).deletingLastPathComponent)
    let temporary = "\(path).new-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let descriptor = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
      throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
    }
    fchmod(descriptor, 0o600)
    close(descriptor)
    defer {
      unlink(temporary)
      unlink(temporary + "-wal")
      unlink(temporary + "-shm")
    }
    try initialize(temporary)
    if link(temporary, path) == 0 || errno == EEXIST { return }
    var failure = errno
    // File systems without hard links (vfat): a rename, unless a concurrent creator came first.
    if [EPERM, EOPNOTSUPP, ENOSYS].contains(failure) {
      if access(path, F_OK) == 0 || rename(temporary, path) == 0 { return }
      failure = errno
    }
    throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(failure)))
  }
}
