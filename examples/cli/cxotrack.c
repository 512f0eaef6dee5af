/* cxotrack: the command-line tool's entry point (the tool is cli_main(), in main.c). */
#include "cli.h"

int main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
