# Homebrew formula for profilec (docs/macos.md). It has NOT been run: it was
# written on Linux, without macOS or Homebrew. tests/packaging checks that it
# is valid Ruby (`ruby -c`, skipped without ruby), that its version is the
# CMake project's, that its dependencies are the ones docs/macos.md installs,
# that the options it passes exist, and its sha256 against the release's
# SHA256SUMS where `make release` made one.
#
# RELEASE: after each release, set `url` to the new version and `sha256` to
# the line for profilec-VERSION.tar.gz in the release's SHA256SUMS. The
# tarball holds this file, so its own checksum cannot be in it at the
# release commit: the zeros below are a placeholder that Homebrew refuses
# (a checksum mismatch), never a silent pass.
class Profilec < Formula
  desc "Compiler and linter for Apple configuration profiles"
  homepage "https://github.com/profilec/profilec"
  url "https://github.com/profilec/profilec/releases/download/v0.2.0/profilec-0.2.0.tar.gz"
  sha256 "0000000000000000000000000000000000000000000000000000000000000000"
  head "https://github.com/profilec/profilec.git", branch: "main"

  depends_on "cmake" => :build
  depends_on "ninja" => :build
  depends_on "pkg-config" => :build
  depends_on "cli11"
  depends_on "fmt"
  depends_on "libplist"
  depends_on "openssl@3"
  depends_on "pugixml"
  depends_on "tomlplusplus"

  def install
    args = %W[
      -DPROFILEC_BUILD_TESTS=OFF
      -DPROFILEC_BUILD_BENCH=OFF
      -DOPENSSL_ROOT_DIR=#{Formula["openssl@3"].opt_prefix}
    ]
    system "cmake", "-S", ".", "-B", "build", "-G", "Ninja", *args, *std_cmake_args
    system "cmake", "--build", "build"
    system "cmake", "--install", "build"
    # Homebrew's own completion folders (the CMake install uses Debian's).
    bash_completion.install "completions/profilec.bash" => "profilec"
    zsh_completion.install "completions/_profilec"
    fish_completion.install "completions/profilec.fish" if File.exist?("completions/profilec.fish")
  end

  test do
    assert_match version.to_s, shell_output("#{bin}/profilec --version")
    (testpath/"policies/restrictions.toml").write <<~TOML
      [profile]
      id = "com.example.restrictions"
      name = "Restrictions"

      [payload.restrictions]
      type = "com.apple.applicationaccess"
      allowCamera = false
    TOML
    system bin/"profilec", "check", testpath/"policies"
    system bin/"profilec", "build", testpath/"policies", "--output", testpath/"out"
    assert_predicate testpath/"out/restrictions.mobileconfig", :exist?
  end
end
