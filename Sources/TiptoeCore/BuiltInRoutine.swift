/// The built-in routine's TOML text, embedded from `Config/foot-routine.toml`.
public enum BuiltInRoutine {
  public static let text = String(decoding: PackageResources.foot_routine_toml, as: UTF8.self)
}
