#include "cli/app.h"

int main(int argc, char** argv) { return profilec::cli::run(argc, argv); }
