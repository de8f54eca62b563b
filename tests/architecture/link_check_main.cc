// The program each link check builds around one whole stage library
// (tests/architecture/CMakeLists.txt): linking it is the check.
int main() { return 0; }
