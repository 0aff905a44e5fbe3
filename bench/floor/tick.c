#include <time.h>
#include <unistd.h>
#include <stdio.h>
int main(void){ char b[32]; int n=0; struct timespec ts={1,0};
 for(;;){ nanosleep(&ts,NULL); int l=snprintf(b,sizeof b,"\x1b[5;10H%02d:%02d",n/60,n%60); write(1,b,l); n++; } }
