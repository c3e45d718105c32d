import { mount } from '@/components/mount';

mount('sidepanel');
