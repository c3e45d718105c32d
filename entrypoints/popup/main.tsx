import { mount } from '@/components/mount';

mount('popup');
