import { startServer } from '@latch/language/server';
startServer();
